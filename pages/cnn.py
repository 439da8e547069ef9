import streamlit as st
st.title("cnn")
