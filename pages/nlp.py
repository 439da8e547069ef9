import streamlit as st
st.title("nlp")
